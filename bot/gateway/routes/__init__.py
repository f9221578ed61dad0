"""The gateway's HTTP routes, one router per concern; `bot.gateway.app` only wires them."""

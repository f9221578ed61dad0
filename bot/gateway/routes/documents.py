"""`GET /api/documents/{token}/{name}`: a conversation's document as Word, PDF or CSV.

The token (`bot.documents.links`) says which conversation and document, and until
when. The file is rendered from the document the conversation holds now, in
memory, and sent with `Cache-Control: no-store`: nothing is written anywhere.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from bot.documents.codec import from_data
from bot.documents.links import KINDS, MEDIA_TYPES, verify
from bot.documents.model import Document
from bot.documents.pdf import render_pdf
from bot.documents.spreadsheet import render_csv
from bot.documents.word import render_docx
from bot.engine.rasa_client import EngineUnavailable
from bot.gateway.deps import ServicesDep

router = APIRouter()
RENDERERS: dict[str, Callable[[Document], bytes]] = {
    "docx": render_docx,
    "pdf": render_pdf,
    "csv": render_csv,
}
_NAME = re.compile(r"^[a-z0-9-]{1,60}\.(docx|pdf|csv)$")


@router.get(
    "/api/documents/{token}/{name}",
    response_class=Response,
    responses={
        200: {"content": {t: {} for t in MEDIA_TYPES.values()}},
        404: {"description": "The link is wrong or has expired, or the document has gone."},
        503: {"description": "The engine, which holds the document, is not answering."},
    },
    summary="Download a finished summary or schedule (links are given in the chat reply).",
)
async def download(
    services: ServicesDep,
    token: str = Path(max_length=260),
    name: str = Path(max_length=70, description="e.g. safety-planning-summary.docx"),
) -> Response:
    grant = verify(token, services.settings.pseudonym_secret, time.time())
    match = _NAME.match(name)
    if grant is None or match is None or match.group(1) not in KINDS[grant.kind][1]:
        raise HTTPException(404, "This download link is wrong or has expired: ask me again.")
    try:
        data = await services.rasa.document(grant.conversation_id, KINDS[grant.kind][0])
    except EngineUnavailable:
        raise HTTPException(503, "The assistant isn't available right now: try again.") from None
    try:
        document = from_data(data)
    except ValueError:
        raise HTTPException(
            404, "That document has gone (the conversation started again or ended)."
        ) from None
    fmt = match.group(1)
    body = await run_in_threadpool(RENDERERS[fmt], document)
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{document.slug}.{fmt}"',
            "Cache-Control": "no-store",
        },
    )

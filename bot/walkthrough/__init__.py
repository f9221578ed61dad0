"""What every guided walkthrough (safety planning, commissioning) shares."""

"""matplotlib drawing shared by screen and paper. No Qt, no pyplot."""

"""AM Advisor core."""

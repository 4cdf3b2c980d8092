"""The load bench's scenarios, one module each; bench/load.py lists them by name."""

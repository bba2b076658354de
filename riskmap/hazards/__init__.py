"""Built-in hazard models; importing this package registers them."""

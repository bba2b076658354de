"""The panels around the map: layers, identify, attribute table, messages."""

"""Reading and writing geodata and project files. No Qt."""

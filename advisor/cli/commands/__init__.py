"""The commands of ``advisor``, one module per family; each function takes the parsed
arguments, calls the application layer and prints, returning the exit status."""

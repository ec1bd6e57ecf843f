"""The command-line face: a thin adapter over ``amparo.service``."""

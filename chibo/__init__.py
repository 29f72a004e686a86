"""chibo: party resolutions and party-cell meeting minutes, read and checked."""

__version__ = "0.1.0"

"""The Karabakh book: data loading, validation, charts and the build pipeline.

Chapters are thin notebooks over this package: they validate their parameters with
:mod:`karabakh.parameters`, load tables with :mod:`karabakh.data` and draw with
:mod:`karabakh.charts`. :mod:`karabakh.pipeline` executes them and builds the book.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"

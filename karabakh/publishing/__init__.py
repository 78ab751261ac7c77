"""The build machinery: executing the notebooks and compiling the book (``pipeline``), the command
line (``cli``), data validation, vendoring libraries and boundaries, the PDF, the data download and
``make bench``. It imports the chapters' names and the core; nothing imports it back."""

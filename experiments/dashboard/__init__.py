"""The live dashboard: the model month by month in a browser (Mesa SolaraViz), with its figures."""

"""Side capability: bulk runs, one document per unit from a base content file and a units table."""

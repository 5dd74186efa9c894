//! Natural Earth land polygons: is a point on land? (being built)

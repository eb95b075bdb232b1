"""Team, organisation and question reports: small ready tables and pure Vega-Lite chart specs."""

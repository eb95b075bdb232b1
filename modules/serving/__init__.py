"""Running the portal as several processes behind a reverse proxy (`make serve WORKERS=N`)."""

"""The join QR code as a PNG, read back with a real QR reader (zxing-cpp)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import zxingcpp
from flask import Flask
from PIL import Image

from tests.conftest import make_app

PUBLIC = "https://mixer.example.org"


@pytest.fixture
def public_app(migrated_db: Path, tmp_path: Path) -> Flask:
    path = tmp_path / "qr.sqlite"
    shutil.copy(migrated_db, path)
    return make_app(path, PUBLIC_URL=PUBLIC + "/")


def test_png_encodes_the_absolute_join_url_with_strong_error_correction(public_app: Flask) -> None:
    client = public_app.test_client()
    event = client.post("/api/v1/events", json={"name": "QR"}).json["event"]
    assert event["join_url"] == f"{PUBLIC}/e/{event['code']}"
    image = Image.open(io.BytesIO(client.get(f"/e/{event['code']}/qr.png").data))
    [found] = zxingcpp.read_barcodes(image)
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.text == event["join_url"]
    assert found.ec_level in ("Q", "H")
    # Quiet zone: four modules of white round the code (10 px a module).
    grey = image.convert("L")
    width, height = grey.size
    border = [grey.getpixel((x, y)) for x in range(width) for y in range(40)]
    border += [grey.getpixel((x, y)) for x in range(40) for y in range(height)]
    assert min(border) == 255

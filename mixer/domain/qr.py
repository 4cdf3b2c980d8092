"""The join QR code, as SVG, PNG and terminal text."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.pure
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_Q


def _code(data: str, box_size: int = 10) -> qrcode.QRCode:
    """Error correction Q survives a scuffed poster; border 4 is the standard quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, box_size=box_size, border=4)
    code.add_data(data)
    code.make(fit=True)
    return code


def svg(data: str) -> bytes:
    image = _code(data).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string()


def png(data: str, box_size: int = 10) -> bytes:
    image = _code(data, box_size).make_image(image_factory=qrcode.image.pure.PyPNGImage)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def terminal(data: str) -> str:
    """Half-block characters so the code fits a terminal and scans from the screen."""
    out = io.StringIO()
    _code(data).print_ascii(out=out, invert=True)
    return out.getvalue()

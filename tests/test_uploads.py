import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.uploads import clean_document, clean_image


def _png(size=(20, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_png_is_re_encoded_under_a_new_name():
    result = clean_image(SimpleUploadedFile("logo.png", _png(), "image/png"))
    assert result.name.endswith(".png")
    assert Image.open(io.BytesIO(result.read())).format == "PNG"


@pytest.mark.parametrize(
    "name, content",
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.png", b"<html><script>alert(1)</script></html>"),
        ("logo.gif", b"GIF89a" + b"\x00" * 20),
    ],
)
def test_non_images_and_svg_are_refused(name, content):
    with pytest.raises(ValidationError, match="PNG, JPEG oder WebP"):
        clean_image(SimpleUploadedFile(name, content))


def test_oversized_image_is_refused():
    big = SimpleUploadedFile("gross.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="zu groß"):
        clean_image(big)


def test_pdf_is_recognised_by_content_not_by_name():
    result = clean_document(SimpleUploadedFile("protokoll.exe", b"%PDF-1.7\n..."))
    assert result.name == "protokoll.pdf"
    assert result.content_type == "application/pdf"


def test_html_disguised_as_pdf_is_refused():
    with pytest.raises(ValidationError, match="Dateityp"):
        clean_document(SimpleUploadedFile("protokoll.pdf", b"<html><script></script></html>"))

"""Checks for uploaded files: type by content (not by name), size, re-encoding.

Images (logos, post images) are re-encoded with Pillow, which drops anything that
is not pixels; SVG is never accepted from users. Documents are recognised by their
first bytes. Protected files are served through views with `file_response`, never
from a guessable public media URL.
"""

import io
import mimetypes
import uuid
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

IMAGE_MAX_BYTES = 2 * 1024 * 1024
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "WEBP": ("webp", "image/webp"),
}
# Pillow refuses images above this many pixels (decompression bombs).
MAX_PIXELS = 40_000_000

OFFICE_ZIP_TYPES = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
OPENDOCUMENT_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}


def _check_size(upload, max_bytes):
    if upload.size > max_bytes:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(max)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
        )


def clean_image(upload, *, max_bytes=IMAGE_MAX_BYTES):
    """Return a re-encoded copy of an uploaded PNG, JPEG or WebP image, or raise."""
    _check_size(upload, max_bytes)
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            probe.verify()
        if image_format not in IMAGE_FORMATS:
            raise UnidentifiedImageError
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise UnidentifiedImageError
            image.load()
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, format=image_format)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("Bitte laden Sie ein Bild im Format PNG, JPEG oder WebP hoch."),
            code="invalid_image",
        ) from error
    extension = IMAGE_FORMATS[image_format][0]
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def detect_document_type(data):
    """(extension, MIME type) of a document recognised by its content, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                    if mimetype in OPENDOCUMENT_TYPES:
                        return OPENDOCUMENT_TYPES[mimetype], mimetype
                if "[Content_Types].xml" in names:
                    for prefix, result in OFFICE_ZIP_TYPES.items():
                        if any(name.startswith(prefix) for name in names):
                            return result
        except zipfile.BadZipFile:
            return None
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format in IMAGE_FORMATS:
                image.verify()
                return IMAGE_FORMATS[image.format]
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    return None


def clean_document(upload, *, max_bytes=DOCUMENT_MAX_BYTES):
    """Check an uploaded document (PDF, office formats, PNG/JPEG/WebP) by its content.

    Returns a ContentFile with a safe name and sets `content_type` on it.
    """
    _check_size(upload, max_bytes)
    upload.seek(0)
    data = upload.read()
    detected = detect_document_type(data)
    if detected is None:
        raise ValidationError(
            _(
                "Dieser Dateityp ist nicht erlaubt. Erlaubt sind PDF, Word, Excel, "
                "PowerPoint, OpenDocument und Bilder (PNG, JPEG, WebP)."
            ),
            code="invalid_document",
        )
    extension, content_type = detected
    stem = get_valid_filename((upload.name or "dokument").rsplit(".", 1)[0])[:80] or "dokument"
    result = ContentFile(data, name=f"{stem}.{extension}")
    result.content_type = content_type
    return result


def file_response(field_file, *, filename=None, inline=False):
    """Serve a stored file safely: attachment unless an inline-safe type, never sniffed."""
    filename = filename or field_file.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    safe_inline = inline and (
        content_type == "application/pdf"
        or content_type in {mime for _, mime in IMAGE_FORMATS.values()}
    )
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=not safe_inline,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

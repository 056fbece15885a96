"""Parts joined from pieces compressed on their own: valid deflate, right CRC, same bytes however made."""

from __future__ import annotations

import random
import zlib

from orgc.writers.docx.deflate import Packed, crc32_combine, deflate, pack


def test_crc32_combine_is_the_crc_of_the_joined_bytes() -> None:
    chance = random.Random(5)
    for _ in range(200):
        first = chance.randbytes(chance.randrange(0, 5000))
        second = chance.randbytes(chance.randrange(0, 70000))
        assert crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second)) == zlib.crc32(first + second)


def test_crc32_combine_over_lengths_past_four_gigabytes() -> None:
    # x^(2^32 - 1) is 1 modulo the CRC polynomial: 2^32 - 1 bytes more multiply by x^(8 * (2^32 - 1)) = 1
    chance = random.Random(6)
    for _ in range(200):
        crc1, crc2, length = chance.getrandbits(32), chance.getrandbits(32), chance.randrange(0, 70000)
        joined = crc32_combine(crc1, crc2, length)
        assert crc32_combine(crc1, crc2, length + (2**32 - 1)) == joined
        assert crc32_combine(crc1, crc2, length + 5 * (2**32 - 1)) == joined


def test_a_part_of_text_and_pieces_holds_them_in_order() -> None:
    chunks: list[bytes | Packed] = [
        b"<w:body>",
        pack("<w:p>甲</w:p>" * 300),
        b"<w:p/>",
        b"<w:p/>",
        pack("<end/>"),
    ]
    part = deflate(chunks)
    expected = "<w:body>" + "<w:p>甲</w:p>" * 300 + "<w:p/><w:p/><end/>"
    assert zlib.decompress(part.data, -15) == expected.encode()
    assert part.crc == zlib.crc32(expected.encode())
    assert part.size == len(expected.encode())


def test_text_alone_is_compressed_as_one_stream() -> None:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    whole = compressor.compress(b"<a/><b/>") + compressor.flush()
    assert deflate([b"<a/>", b"<b/>"]).data == whole
    assert zlib.decompress(deflate([]).data, -15) == b""


def test_a_kept_piece_gives_the_same_bytes_as_one_made_now() -> None:
    made = pack("<w:tbl>" + "<w:tr/>" * 1000 + "</w:tbl>")
    kept = Packed.loads(made.dumps())
    assert kept == made
    assert deflate([b"<x>", kept, b"</x>"]).data == deflate([b"<x>", made, b"</x>"]).data


def test_what_is_not_a_stored_piece_is_refused() -> None:
    stored = pack("<a/>").dumps()
    assert Packed.loads(stored) is not None
    for damaged in (b"", b"short", stored[:-2], stored[:10]):
        assert Packed.loads(damaged) is None

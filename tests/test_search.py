from core.search import search_words


def test_search_words_are_bounded_and_free_of_control_characters():
    words = search_words("a\x00b " + "x" * 500 + " " + " ".join(str(n) for n in range(20)))
    assert words[:2] == ["a", "b"]
    assert "\x00" not in "".join(words)
    assert all(len(word) <= 50 for word in words)
    assert len(words) <= 8


def test_plain_queries_pass_through():
    assert search_words("  Engagement   Linden ") == ["Engagement", "Linden"]

"""Conversations (kb.Conversation): a question about one weight of a list keeps the list as the context; a turn
that gives only a new count keeps the reading; "which of the five" points at the list. Real answers over the built
index; the turns are this file's own."""


def test_a_question_about_one_of_the_list_keeps_the_list_for_the_next_turn(knowledge_base):
    chat = knowledge_base.conversation()
    first = chat.ask("deit3 weights, top 4 on ImageNet-R")
    chat.ask("the second one: crop pct?")
    widened = chat.ask("show 6 instead")
    assert widened.sort == first.sort and widened.top_n == 6 and widened.follow_up.mode == "refine"
    assert [m.name for m in widened.models[:4]] == [m.name for m in first.models[:4]]


def test_a_count_alone_in_korean_keeps_the_ranking(knowledge_base):
    chat = knowledge_base.conversation()
    first = chat.ask("convnext 중에 GMACs 낮은 순 2개")
    more = chat.ask("같은 조건으로 4개까지 보여줘")
    assert (more.sort, more.top_n, more.where_text) == (first.sort, 4, first.where_text)


def test_which_of_the_five_ranks_the_list_shown(knowledge_base):
    chat = knowledge_base.conversation()
    first = chat.ask("top 5 swin weights by top-1")
    chat.ask("the first one's input size?")
    fastest = chat.ask("which of the five is the fastest on CPU?")
    shown = {m.name for m in first.models[:5]}
    assert fastest.sort == "images_per_sec_cpu_desc" and len(fastest.models) == 1 and fastest.models[0].name in shown

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


def test_a_turn_that_moves_a_bound_keeps_the_rest(knowledge_base):
    """"make that 70", "78로 낮추면?", "30장으로 낮춰줘": the previous reading with that one bound moved."""
    chat = knowledge_base.conversation()
    chat.ask("deit3 weights with ImageNet-R top-1 above 60")
    moved = chat.ask("make that 65")
    assert moved.where_text == "family:deit3 AND top1_r>65 AND NOT family:test" and moved.follow_up.mode == "refine"
    chat = knowledge_base.conversation()
    chat.ask("레그넷y 중에 cpu 80장 넘는 거")
    lowered = chat.ask("아니 30장으로 낮춰줘")
    assert lowered.where_text == "family:regnety AND images_per_sec_cpu>30 AND NOT family:test"
    chat = knowledge_base.conversation()
    chat.ask("apache-2.0 weights at 384 with top-1 >= 85")
    resized = chat.ask("make that 224 instead")  # a percentage is never 224: the input size moves
    assert "res:224" in resized.where_text and "top1>=85" in resized.where_text


def test_which_ones_refines_even_when_nothing_fits_and_the_next_turn_goes_on_from_the_last_answer(knowledge_base):
    chat = knowledge_base.conversation()
    chat.ask("deit3 weights at 384")
    none = chat.ask("which ones are not fixed input size?")
    assert none.follow_up.mode == "refine" and none.total_matches == 0
    ranked = chat.ask("ok then the top 2 by top-5 among the in22k ones")  # "the top 2 by …" ranks, points at nothing
    assert ranked.total_matches == 2 and all(m.name.startswith("deit3_") and "_384." in m.name for m in ranked.models)
    assert ranked.sort == "top5_desc"


def test_its_and_the_nth_best_point_at_one_weight(knowledge_base):
    chat = knowledge_base.conversation()
    chat.ask("caformer weights at 224")
    best = chat.ask("which of those has the best ImageNet-A?")
    its = chat.ask("what's its ReaL and V2 top-1?")
    assert [m.name for m in its.models] == [best.models[0].name]
    chat = knowledge_base.conversation()
    listed = chat.ask("tf_efficientnet_b2 weights")
    second = chat.ask("거기서 top1 두번째로 높은거 GMACs 얼마?")
    by_top1 = sorted((m for m in listed.models if m.top1 is not None), key=lambda m: -m.top1)
    assert [m.name for m in second.models] == [by_top1[1].name]


def test_a_family_replaces_the_subject_and_the_rest_is_the_complement(knowledge_base):
    chat = knowledge_base.conversation()
    chat.ask("mobilenetv3 large weights")
    chat.ask("which of them have a test size?")
    same = chat.ask("same for mobilenetv4 conv medium")
    assert "mobilenetv3" not in same.where_text and "size:large" not in same.where_text and "test_res>0" in same.where_text
    chat = knowledge_base.conversation()
    chat.ask("클립 모델 중 비상업 라이선스인 거")
    rest = chat.ask("그거 빼고 나머지 클립 중 100M 이하")
    assert "NOT licence:noncommercial" in rest.where_text and "params<=100M" in rest.where_text


def test_facts_asked_after_one_weight_are_of_that_weight(knowledge_base):
    chat = knowledge_base.conversation()
    chat.ask("resnet50.a1_in1k 라이선스랑 클래스 수")
    follow = chat.ask("테스트 사이즈에선 top1 얼마?")
    assert [m.name for m in follow.models] == ["resnet50.a1_in1k"] and "81.24" in follow.answer.split("\n\n")[0]
    both = chat.ask("convnext_tiny.in12k_ft_in1k 랑 둘 비교해줘")
    assert both.comparison is not None and set(both.comparison.names) == {"resnet50.a1_in1k", "convnext_tiny.in12k_ft_in1k"}


def test_a_change_keeps_the_ranking_and_a_dropped_fact_goes(knowledge_base):
    chat = knowledge_base.conversation()
    chat.ask("레그넷x 중에 파라미터 8M 이하")
    chat.ask("cpu 제일 빠른거 2개만")
    switched = chat.ask("아 레그넷y로 바꾸면?")  # a change refers to the turns before it
    assert switched.where_text == "params<=8M AND family:regnety AND NOT family:test"
    assert switched.sort == "images_per_sec_cpu_desc" and switched.top_n == 2
    chat = knowledge_base.conversation()
    chat.ask("top-1 83 이상이면서 GMACs 4 이하인 거")
    dropped = chat.ask("GMACs 조건 말고 파라미터 15M 이하로 바꿔서")
    assert "gmacs" not in dropped.where_text and "params<=15M" in dropped.where_text and "top1>=83" in dropped.where_text


def test_a_new_subject_that_says_again_what_it_keeps_is_read_alone(knowledge_base):
    chat = knowledge_base.conversation()
    chat.ask("스윈 베이스 in22k 사전학습 가중치")
    alone = chat.ask("그럼 에바02 쪽에서 in22k 사전학습인 것 중 파라미터 제일 작은 건?")
    assert alone.follow_up.mode == "new" and "size:base" not in alone.where_text and "family:eva02" in alone.where_text


def test_the_x_one_and_the_better_one_point_at_one_weight(knowledge_base):
    chat = knowledge_base.conversation()
    shown = chat.ask("tf_efficientnetv2 s, m and l weights fine-tuned on in1k from in21k")
    l_one = chat.ask("what's the test size of the L one?")
    assert [m.name for m in l_one.models] == [n for n in (m.name for m in shown.models) if "_l." in n]
    chat = knowledge_base.conversation()
    ranked = chat.ask("resnet50 weights, top 2 by top-1 at the test size")
    better = chat.ask("what paper is the better one from?")
    assert [m.name for m in better.models] == [ranked.models[0].name]


def test_a_number_said_anew_with_its_bound_and_which_one_after_a_comparison(knowledge_base):
    chat = knowledge_base.conversation()
    chat.ask("regnetx gmacs 3 이하")
    lowered = chat.ask("아니 1 이하로")
    assert lowered.where_text == "family:regnetx AND gmacs<=1 AND NOT family:test"
    chat = knowledge_base.conversation()
    chat.ask("deit3 weights with top-1 above 83")
    raised = chat.ask("make that above 85")
    assert "top1>85" in raised.where_text and "family:deit3" in raised.where_text
    chat = knowledge_base.conversation()
    chat.ask("mobilenetv4 weights with a test size of 448 or more")
    exact = chat.ask("make that test size exactly 320")
    assert exact.where_text == "family:mobilenetv4 AND test_res:320 AND NOT family:test"
    chat = knowledge_base.conversation()
    chat.ask("compare resnet50.a1_in1k and convnext_tiny.in12k_ft_in1k")
    better = chat.ask("which one is better on ImageNet-R?")
    assert better.sort == "top1_r_desc" and {m.name for m in better.models} <= {"resnet50.a1_in1k", "convnext_tiny.in12k_ft_in1k"}


def test_pointing_with_kko_and_a_place_count_and_one_weight_of_a_comparison(knowledge_base):
    chat = knowledge_base.conversation()
    chat.ask("정확도 78 넘고 파라미터 10M 안되는거")
    ranked = chat.ask("그중에 cpu 젤 빠른거 top3")
    second = chat.ask("두번째꺼 gmacs 몇임")  # 꺼: how 거 is typed
    assert [m.name for m in second.models] == [ranked.models[1].name]
    chat = knowledge_base.conversation()
    chat.ask("레빗 계열 ImageNet-A 기준으로 줄세워 주세요")
    first = chat.ask("1등만요")  # a count, not the first one shown: ties stay
    assert first.top_n == 1 and first.sort == "top1_a_desc"
    chat = knowledge_base.conversation()
    chat.ask("convnextv2_nano.fcmae_ft_in22k_in1k 랑 convnextv2_tiny.fcmae_ft_in22k_in1k_384 비교해 주세요")
    chat.ask("두 번째 거는 test size 따로 있나요?")
    fresh = chat.ask("그럼 파인튜닝 안 된 fcmae 사전학습 convnextv2 weight 는?")
    assert "test_res" not in fresh.where_text and "family:convnextv2" in fresh.where_text


def test_what_if_a_value_instead_of_another_and_the_other_way_round(knowledge_base):
    chat = knowledge_base.conversation()
    chat.ask("edgenext 중 test 해상도 256인거")
    other = chat.ask("288이면?")
    assert other.where_text == "family:edgenext AND test_res:288 AND NOT family:test"
    chat = knowledge_base.conversation()
    chat.ask("파라미터 20M 미만 regnety 중 top-1 78 이상")
    moved = chat.ask("78 말고 80 이상으로")
    assert "top1>=80" in moved.where_text and "params<20M" in moved.where_text and "family:regnety" in moved.where_text
    chat = knowledge_base.conversation()
    chat.ask("deit3 모델들")
    top = chat.ask("그중 ImageNet-A 상위 3개")  # a ranking by the fact named, not the names shown
    assert top.sort == "top1_a_desc" and top.top_n == 3
    bottom = chat.ask("상위 말고 하위 2개는?")
    assert bottom.sort == "top1_a_asc" and bottom.top_n == 2 and bottom.where_text == top.where_text

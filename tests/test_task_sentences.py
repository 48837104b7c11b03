"""Each task's sentences: templates the window can translate, numbers kept as fields."""

from __future__ import annotations

import string

import numpy as np
import pytest

from core.tasks import pose, raw_outputs, segmentation
from core.tasks.placement import Placement
from core.tasks.sentence import Sentence


def made_sentences() -> list[Sentence]:
    """One sentence of every kind each task can say."""
    maps = [np.zeros((2, 2)), np.array([[0, 1], [1, 1]])]
    found = [segmentation.compare_class_maps(a, b).sentence() for a in maps for b in maps]
    placement = Placement.stretched(10, 10)
    sure, unsure = np.full((17, 3), 0.9), np.full((17, 3), 0.1)
    found += [pose.compare_poses(pose.decode_pose(a, placement),
                                 pose.decode_pose(sure, placement)).sentence()
              for a in (sure, unsure)]
    out = raw_outputs.RawOutput
    cases = [([out("a", np.ones(2))], [out("a", np.ones(2))]),
             ([out("a", np.ones(2)), out("b", np.ones(2))], [out("a", np.ones(2))]),
             ([out("a", np.ones(2))], [out("a", np.ones(3))]),
             ([out("a", np.full(2, np.nan))], [out("a", np.full(2, np.nan))]),
             ([out("a", np.zeros(2))], [out("a", np.ones(2))])]
    found += [raw_outputs.compare_outputs(a, b).sentence() for a, b in cases]
    return found


def test_every_sentence_said_is_in_its_modules_list() -> None:
    listed = {*segmentation.SENTENCES, *pose.SENTENCES, *raw_outputs.SENTENCES}
    said = made_sentences()
    assert {s.template for s in said} == listed
    for sentence in said:
        names = {field for _, field, _, _ in string.Formatter().parse(sentence.template)
                 if field}
        assert names == set(sentence.fields), sentence.template
        assert sentence.to_dict() == {"template": sentence.template,
                                      "fields": sentence.fields, "text": sentence.english()}


def test_placement_refuses_a_picture_of_nothing() -> None:
    with pytest.raises(ValueError):
        Placement.fitted(0, 10, 192, 192)
    with pytest.raises(ValueError):
        Placement(10, 10, 0.0, 1.0)

"""Bootstrap intervals (pipeline/intervals.py): exact on degenerate samples, centred on the figure, narrower
with more units, the same on every run."""

from __future__ import annotations

from pipeline.intervals import bootstrap_interval, ratio_of_sums, rounded
from pipeline.scoring import share


def test_a_sample_that_is_all_right_or_all_wrong_has_no_spread():
    assert bootstrap_interval([(1, 1)] * 30, ratio_of_sums) == (1.0, 1.0)
    assert bootstrap_interval([False] * 30, share) == (0.0, 0.0)


def test_nothing_to_measure_gives_no_interval():
    assert bootstrap_interval([], share) is None
    assert bootstrap_interval([(0, 0)] * 5, ratio_of_sums) is None  # no draw has a whole to divide by
    assert ratio_of_sums([]) is None


def test_the_interval_holds_the_figure_and_narrows_with_more_units():
    small = [True] * 20 + [False] * 20
    large = small * 10
    low, high = bootstrap_interval(small, share)
    assert low < 0.5 < high
    # A binomial share of 0.5 over 40 units has a standard error of about 0.08: the 95% interval spans about
    # 0.34 to 0.66; over 400 units about 0.45 to 0.55.
    assert 0.25 < low < 0.4 and 0.6 < high < 0.75
    low_large, high_large = bootstrap_interval(large, share)
    assert 0.43 < low_large < 0.48 and 0.52 < high_large < 0.57
    assert high_large - low_large < (high - low) / 2


def test_units_carry_their_weight_in_a_ratio_of_sums():
    # One article with 9 of 10 events right and nine with 0 of 1: the precision is 9/19, not the mean of the
    # articles' own precisions (0.09); the interval is about it.
    units = [(9, 10)] + [(0, 1)] * 9
    assert ratio_of_sums(units) == 9 / 19
    low, high = bootstrap_interval(units, ratio_of_sums)
    assert low < 9 / 19 < high


def test_intervals_are_the_same_on_every_run_and_rounded_for_printing():
    units = [True, False, True, True, False, True, False, True, True, True]
    first = bootstrap_interval(units, share)
    assert bootstrap_interval(units, share) == first
    assert bootstrap_interval(units, share, seed=1) != first or first == (0.0, 0.0)
    assert rounded((1 / 3, 2 / 3)) == [0.333, 0.667] and rounded(None) is None

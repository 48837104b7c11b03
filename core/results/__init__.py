"""What a run gives: records, statistics, the summary, result files, the HTML report."""

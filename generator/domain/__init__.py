"""The domain: what a programme is once loaded (`model`, `values`), what happens to it after
it is issued (`events`), where each task stands on a day (`standing`), and the anomaly rules
(`anomalies`)."""

"""The domain: the record model, the YAML reader, validation, the dataset and the questions asked of it."""

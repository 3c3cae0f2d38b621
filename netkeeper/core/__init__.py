"""The domain: pure Python, no Qt, no peewee. Everything takes "today" as an argument."""

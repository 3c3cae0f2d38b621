"""The Network page: who knows whom, drawn as a graph, and "who can get me there?"."""

"""Commands: each reads its inputs, calls the engine or a loader, and hands the result to a renderer."""

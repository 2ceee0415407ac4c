"""Demo data: realistic customers and returns, written fast and reproducibly.

Modules:
    seed           seed_demo: writes the planned rows in batches, in one transaction
    plan           what happens to each demo return, before any row is drawn
    rows           what the demo customers, returns, lines and timelines say
    story          the messages each return sent, its feedback and the reward codes earned
    content        the fixed tables (names, products, reasons, notes, drop-off points) drawn from
    story_content  the story's tables: message texts per language, ratings, feedback comments
"""

__all__ = ["seed", "plan", "rows", "story", "content", "story_content"]

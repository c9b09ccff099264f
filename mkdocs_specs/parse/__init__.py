"""Text as the reading needs it: decoded lines and front matter, bounded YAML, and one scan of the
Markdown (fences, comments, headings, checklists, placeholders, inline code)."""

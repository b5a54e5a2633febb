"""Demo content: the page tree that ``manage.py load_demo_content`` builds from the brochure."""

"""What trainers do with content: the studio's rules, the GIFT import, the content status."""

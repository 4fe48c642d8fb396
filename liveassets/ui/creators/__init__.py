"""The Creators view: each creator's files, rights status and consent expiring soon."""

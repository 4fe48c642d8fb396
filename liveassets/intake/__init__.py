"""Creator submissions: a folder of files and the manifest saying who sent each and what they
granted, turned into assets with their rights, creator and campaign filled in."""

"""Stage 5: rendering the checked organisation into the files of out/."""

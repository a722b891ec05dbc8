"""Free maker tools on the public host (`/tools/`): soap lye, candle and lotion calculators.

No account is needed. The math lives in pure modules (`soap.py`, `candle.py`, `lotion.py`) over plain
values and Decimal, tested without a database; the views only read forms and the ingredient library.
"Save as a recipe" keeps the result, signed, in the session and turns it into a draft recipe in a
workspace the maker picks, or the one they create by signing up (`tools/services.py`).
"""

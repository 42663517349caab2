from .a import STORIES as A
from .b import STORIES as B
from .c import STORIES as C
STORIES = A + B + C

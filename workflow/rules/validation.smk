# Exact-numerics checks of the paper's approximations (behind the `validation` target).

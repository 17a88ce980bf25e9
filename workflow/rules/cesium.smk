# Cs-133 multi-level model (Sec. IV, App. D-E): couplings, rates, Figs. 7 and 8.


def cesium_targets():
    return []

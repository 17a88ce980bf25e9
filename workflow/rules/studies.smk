# Parameter-grid studies (config/studies/*.yaml; CONTRACT.md "Parameter-grid studies").


def study_targets():
    return []

"""The live timm registry as typed records: one `ModelRecord` per pretrained tag, with every fact timm publishes.

    records   timm's pretrained cfgs into records (cached in KB_HOME); the registry's version
    results   timm's ImageNet results and inference benchmark tables (data/timm-results)
    params    meta-device parameter counts, shipped per timm version and reused across versions
    licenses  licence ids into classes (permissive / noncommercial / custom / unknown)
"""

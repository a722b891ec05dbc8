"""Request and response shapes, one module per resource. Request serializers are strict
(`StrictInput`: unknown fields are refused) and only parse; the services validate and write."""

//! HTTP: health check and the counts page (the full web application comes later).

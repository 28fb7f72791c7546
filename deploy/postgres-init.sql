-- Temporal keeps its state and visibility in databases of its own, next to the app's.
CREATE DATABASE temporal;
CREATE DATABASE temporal_visibility;

// AgoraNode: see DESIGN in docs/ARCHITECTURE.md

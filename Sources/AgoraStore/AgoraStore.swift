// AgoraStore: see DESIGN in docs/ARCHITECTURE.md

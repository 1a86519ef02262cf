"""Trends: two survey rounds (or two metric periods) compared over the services in both."""

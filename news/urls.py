from django.urls import path

from news import feeds, views

app_name = "news"

urlpatterns = [
    path("news/", views.ArticleListView.as_view(), name="list"),
    path("news/feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("news/feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]

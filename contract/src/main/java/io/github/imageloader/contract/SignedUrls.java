package io.github.imageloader.contract;

/** Signed URLs carry their credentials in the query string: what may be shown of one in messages and logs. */
public final class SignedUrls {

  private SignedUrls() {
  }

  public static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
